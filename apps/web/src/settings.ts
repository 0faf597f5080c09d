import type { SeveritySetting } from '@xxgk/core';

/** What the clerk chose in the page: the packs and per-rule severities. Kept in localStorage. */
export interface Settings {
  /** run Guangdong's pack (on reports of Guangdong agencies) */
  guangdong: boolean;
  /** run Guangdong's pack on every report, whatever the agency */
  guangdongEverywhere: boolean;
  /** rule id → severity, where the clerk changed the pack's default */
  severities: Record<string, SeveritySetting>;
}

export const SETTINGS_KEY = 'xxgk-web:settings:v1';

export const DEFAULT_SETTINGS: Settings = { guangdong: false, guangdongEverywhere: false, severities: {} };

const SEVERITIES: readonly string[] = ['error', 'warning', 'off'];

/** The saved settings, or the defaults when nothing (or nothing valid) is saved. */
export function loadSettings(storage: Storage | undefined = globalThis.localStorage): Settings {
  try {
    const saved = JSON.parse(storage?.getItem(SETTINGS_KEY) ?? 'null') as Partial<Settings> | null;
    if (!saved || typeof saved !== 'object') return structuredClone(DEFAULT_SETTINGS);
    const severities: Record<string, SeveritySetting> = {};
    for (const [id, severity] of Object.entries(saved.severities ?? {})) {
      if (typeof severity === 'string' && SEVERITIES.includes(severity)) severities[id] = severity as SeveritySetting;
    }
    return { guangdong: saved.guangdong === true, guangdongEverywhere: saved.guangdongEverywhere === true, severities };
  } catch {
    return structuredClone(DEFAULT_SETTINGS);
  }
}

export function saveSettings(settings: Settings, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // private browsing or a full storage: the choice holds for this visit only
  }
}
