import { findPathDeeperThan } from './body-depth.pipe';

function nest(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) {
    value = { inner: value };
  }

  return value;
}

describe(findPathDeeperThan.name, () => {
  it('accepts nesting up to the limit', () => {
    expect(findPathDeeperThan({ custom_attributes: nest(15) }, 16)).toBeUndefined();
  });

  it('names the top-level field past the limit', () => {
    expect(findPathDeeperThan({ ok: 1, custom_attributes: nest(16) }, 16)).toBe(
      'custom_attributes',
    );
  });

  it('handles thousands of levels without recursion', () => {
    expect(findPathDeeperThan({ events: [nest(50_000)] }, 16)).toBe('events');
  });

  it('ignores scalars and null', () => {
    expect(findPathDeeperThan(null, 1)).toBeUndefined();
    expect(findPathDeeperThan('text', 1)).toBeUndefined();
  });
});
