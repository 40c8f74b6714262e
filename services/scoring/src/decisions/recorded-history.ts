import { ActionHistory, ActionHistoryStore } from '../risk/action-history';

type RecordAndReadArguments = Parameters<ActionHistoryStore['recordAndRead']>;

/**
 * Passes one action's history call through to the store and keeps the result, so the decision
 * can use the history that the risk assessment scored against without reading it twice.
 */
export class RecordedHistory implements ActionHistoryStore {
  private recorded: ActionHistory | undefined;

  constructor(private readonly store: ActionHistoryStore) {}

  async recordAndRead(...args: RecordAndReadArguments): Promise<ActionHistory> {
    this.recorded = await this.store.recordAndRead(...args);

    return this.recorded;
  }

  /** @throws Error when the assessment has not read the history yet. */
  read(): ActionHistory {
    if (this.recorded === undefined) {
      throw new Error('the action history was read before the risk assessment recorded it');
    }

    return this.recorded;
  }
}
