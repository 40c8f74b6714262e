import { Message } from 'kafkajs';
import { splitBySize } from './event-publisher';

function message(id: string, valueBytes: number): Message {
  return { key: id, value: 'v'.repeat(valueBytes), headers: { event_type: 'x' } };
}

describe(splitBySize.name, () => {
  it('keeps small messages in one run', () => {
    const messages = [message('a', 10), message('b', 10)];

    expect(splitBySize(messages, 1_000)).toEqual([messages]);
  });

  it('starts a new run before the limit, in order', () => {
    const messages = ['a', 'b', 'c', 'd'].map((id) => message(id, 400));

    const runs = splitBySize(messages, 1_000);

    expect(runs.map((run) => run.map((item) => item.key))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('sends a message above the limit alone', () => {
    const messages = [message('a', 10), message('b', 5_000), message('c', 10)];

    const runs = splitBySize(messages, 1_000);

    expect(runs.map((run) => run.map((item) => item.key))).toEqual([['a'], ['b'], ['c']]);
  });

  it('counts multibyte characters by their bytes', () => {
    const wide = { key: 'a', value: 'é'.repeat(300) };
    const narrow = { key: 'b', value: 'e'.repeat(300) };

    expect(splitBySize([wide, narrow], 700)).toHaveLength(2);
    expect(splitBySize([narrow, { ...narrow, key: 'c' }], 700)).toHaveLength(1);
  });
});
