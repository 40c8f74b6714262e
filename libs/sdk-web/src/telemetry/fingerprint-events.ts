import { AttributeMap, ATTRIBUTE_VALUE_MAX_LENGTH, toAttributeMap } from '../core/attributes';

/** A FingerprintJS component: its value, or the error its source threw. */
export interface FingerprintComponent {
  value?: unknown;
  error?: unknown;
}

/** Result of FingerprintJS for the device. */
export interface FingerprintResult {
  visitorId: string;
  confidence: number;
  version: string;
  components: Record<string, FingerprintComponent>;
}

/**
 * Turns a fingerprint into attributes: the visitor id, and each component as `name:hash` in one
 * comma-separated string, so that a change of one component (fonts, canvas, time zone...) is
 * visible without sending the raw values. A component that failed is `name:error`. The list
 * is cut at a component boundary to fit 1024 characters, and `fingerprint_components_cut` is then true.
 */
export function fingerprintAttributes(result: FingerprintResult): AttributeMap {
  const entries = Object.keys(result.components)
    .sort()
    .map((name) => `${name}:${componentHash(result.components[name])}`);
  let list = '';
  let cut = false;
  for (const entry of entries) {
    const next = list === '' ? entry : `${list},${entry}`;
    if (next.length > ATTRIBUTE_VALUE_MAX_LENGTH) {
      cut = true;
      break;
    }
    list = next;
  }

  return toAttributeMap({
    fingerprint_id: result.visitorId,
    fingerprint_confidence: result.confidence,
    fingerprint_version: result.version,
    fingerprint_components: list,
    fingerprint_components_cut: cut,
  });
}

/** Verdict of BotD; `bot_kind` names the tool BotD recognised, such as `headless_chrome`. */
export function botDetectionAttributes(verdict: { bot: boolean; botKind?: string }): AttributeMap {
  return toAttributeMap({ bot_detected: verdict.bot, bot_kind: verdict.botKind ?? null });
}

function componentHash(component: FingerprintComponent | undefined): string {
  if (!component || !('value' in component)) {
    return 'error';
  }

  return fnv1a32(JSON.stringify(component.value) ?? 'undefined');
}

/** 32-bit FNV-1a of the UTF-16 code units, as 8 hex digits; short, and stable across runs. */
export function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }

  return hash.toString(16).padStart(8, '0');
}
