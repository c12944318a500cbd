/**
 * The floor a Worker cannot go below: take the request, make one upstream call with its body, stream
 * the answer back. No routing, validation, auth, signing, parsing or merging. The benchmark points it
 * at an upstream that answers at once with a canned answer of the same size as Amazon Chime's, so it
 * measures workerd's own cost of a request and a fetch moving the same bytes.
 */
export default {
  async fetch(request: Request, env: { CHIME_ENDPOINT: string }): Promise<Response> {
    const { pathname } = new URL(request.url);
    const upstream = await fetch(`${env.CHIME_ENDPOINT}${pathname}?operation=batch-create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request.body,
    });
    return new Response(upstream.body, { status: upstream.status, headers: { 'content-type': 'application/json' } });
  },
};
