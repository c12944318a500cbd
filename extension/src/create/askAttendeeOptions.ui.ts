import * as vscode from 'vscode';
import type { Capabilities, ChimeApi, Tag } from '../../../shared/index.ts';
import type { SettingsValues } from '../settings.ts';
import { askPick } from '../ui/askPick.ui.ts';
import { askText } from '../ui/askText.ui.ts';
import type { StepAt } from '../ui/quickInput.ui.ts';
import type { Answer } from '../ui/steps.ts';
import { CAPABILITY_PRESETS, describeCapabilities } from './capabilityPresets.ts';
import { formatTags, parseTags } from './tags.ts';

/** What every attendee of one request gets besides its ExternalUserId: Capabilities or Tags, by API. */
export interface AttendeeOptions {
  Capabilities?: Capabilities;
  Tags?: Tag[];
}

type Defaults = Pick<SettingsValues, 'defaultCapabilities' | 'defaultTags'>;

/**
 * The last step: capabilities for the current API, tags for the legacy one (the other is refused).
 * `first` names a preset to offer first, ahead of the settings' own (test bots: the silent one).
 */
export function askAttendeeOptions(
  title: string,
  api: ChimeApi,
  defaults: Defaults,
  at: StepAt,
  first?: string,
): Promise<Answer<AttendeeOptions>> {
  return api === 'chime' ? askTags(title, defaults.defaultTags, at) : askCapabilities(title, defaults.defaultCapabilities, at, first);
}

interface PresetItem extends vscode.QuickPickItem {
  capabilities: Capabilities | undefined;
}

async function askCapabilities(
  title: string,
  fromSettings: Capabilities | undefined,
  at: StepAt,
  first: string | undefined,
): Promise<Answer<AttendeeOptions>> {
  const settingsItem: PresetItem | undefined = fromSettings && {
    label: 'From settings',
    description: describeCapabilities(fromSettings),
    detail: 'chimeAttendees.defaultCapabilities',
    capabilities: fromSettings,
  };
  const presets = CAPABILITY_PRESETS.map(({ label, detail, capabilities }): PresetItem => {
    return { label, detail, description: capabilities && describeCapabilities(capabilities), capabilities };
  });
  const firstItems = presets.filter((preset) => preset.label === first);
  const items = [...firstItems, ...(settingsItem ? [settingsItem] : []), ...presets.filter((preset) => preset.label !== first)];
  const answer = await askPick({ title, placeholder: 'Capabilities for these attendees', items, active: items[0] }, at);
  if (answer.move !== 'next') return answer;
  return { move: 'next', value: answer.value.capabilities ? { Capabilities: answer.value.capabilities } : {} };
}

async function askTags(title: string, fromSettings: Tag[] | undefined, at: StepAt): Promise<Answer<AttendeeOptions>> {
  const check = (text: string) => {
    const parsed = parseTags(text);
    return 'problem' in parsed ? parsed.problem : undefined;
  };
  const prompt = 'Tags for these attendees as Key=Value, separated by commas; leave empty for none';
  const answer = await askText({ title, prompt, placeholder: 'team=qa, run=42', value: formatTags(fromSettings), check }, at);
  if (answer.move !== 'next') return answer;
  const parsed = parseTags(answer.value);
  return { move: 'next', value: 'tags' in parsed && parsed.tags ? { Tags: parsed.tags } : {} };
}
