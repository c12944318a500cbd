/** How the report writes its figures. */
export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
export const percent = (share: number) => `${(share * 100).toFixed(0)}%`;
export const ms = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
export const verdict = (met: boolean) => (met ? 'met' : '**missed**');
