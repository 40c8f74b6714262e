import { AttributeMap } from '../core/attributes';

/** Kinds of input the SDK counts. It records when they happen, never what a key or field contains. */
export type InteractionKind =
  'pointer_move' | 'click' | 'key_press' | 'paste' | 'focus_change' | 'touch';

/**
 * Counts and timings of a person's input on the page, kept as running sums so that each event
 * costs a few additions. Key timing is the interval between consecutive key presses, which
 * separates typing from text that a program set in one step.
 */
export class InteractionStats {
  private readonly counts: Record<InteractionKind, number> = {
    pointer_move: 0,
    click: 0,
    key_press: 0,
    paste: 0,
    focus_change: 0,
    touch: 0,
  };
  private pointerDistance = 0;
  private lastPointer: { x: number; y: number } | undefined;
  private lastKeyAt: number | undefined;
  private keyIntervals = { count: 0, sum: 0, sumOfSquares: 0 };
  private firstAt: number | undefined;

  /** @param startedAt when the page started, in the clock the event times use. */
  constructor(private readonly startedAt: number) {}

  /** Total of the pointer, click, key and touch events: input that only a person or a driver makes. */
  get inputEvents(): number {
    const { pointer_move, click, key_press, touch } = this.counts;

    return pointer_move + click + key_press + touch;
  }

  /** Every event counted so far, of any kind. */
  get totalEvents(): number {
    return Object.values(this.counts).reduce((sum, count) => sum + count, 0);
  }

  recordPointerMove(at: number, x: number, y: number): void {
    if (this.lastPointer) {
      this.pointerDistance += Math.hypot(x - this.lastPointer.x, y - this.lastPointer.y);
    }
    this.lastPointer = { x, y };
    this.count('pointer_move', at);
  }

  recordKeyPress(at: number): void {
    if (this.lastKeyAt !== undefined) {
      const interval = at - this.lastKeyAt;
      this.keyIntervals.count += 1;
      this.keyIntervals.sum += interval;
      this.keyIntervals.sumOfSquares += interval * interval;
    }
    this.lastKeyAt = at;
    this.count('key_press', at);
  }

  record(kind: Exclude<InteractionKind, 'pointer_move' | 'key_press'>, at: number): void {
    this.count(kind, at);
  }

  /** Returns the statistics as telemetry attributes, with `prefix` before every key. */
  toAttributes(now: number, prefix = 'interaction_'): AttributeMap {
    const { count, sum, sumOfSquares } = this.keyIntervals;
    const mean = count > 0 ? sum / count : null;
    const variance = mean !== null ? Math.max(0, sumOfSquares / count - mean * mean) : null;
    const values: AttributeMap = {
      pointer_moves: this.counts.pointer_move,
      pointer_distance_px: Math.round(this.pointerDistance),
      clicks: this.counts.click,
      key_presses: this.counts.key_press,
      key_interval_mean_ms: mean === null ? null : Math.round(mean),
      key_interval_stdev_ms: variance === null ? null : Math.round(Math.sqrt(variance)),
      pastes: this.counts.paste,
      focus_changes: this.counts.focus_change,
      touches: this.counts.touch,
      first_input_ms: this.firstAt === undefined ? null : Math.round(this.firstAt - this.startedAt),
      page_age_ms: Math.round(now - this.startedAt),
    };

    return Object.fromEntries(Object.entries(values).map(([key, value]) => [prefix + key, value]));
  }

  private count(kind: InteractionKind, at: number): void {
    this.counts[kind] += 1;
    this.firstAt ??= at;
  }
}
