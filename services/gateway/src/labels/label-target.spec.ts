import { ContractViolationError } from '@vigil/contracts';
import { LabelRequest } from './label.dto';
import { targetOfRequest } from './label-target';

function request(fields: Partial<LabelRequest>): LabelRequest {
  return { label: 'confirmed_fraud', ...fields };
}

describe(targetOfRequest.name, () => {
  it.each([
    [{ action_token: 'a.b.c' }, { type: 'action', actionToken: 'a.b.c' }],
    [{ user_id: 'user-1' }, { type: 'user', id: 'user-1' }],
    [{ device_id: 'device-1' }, { type: 'device', id: 'device-1' }],
    [{ ip_address: '73.162.10.20' }, { type: 'ip', id: '73.162.10.20' }],
  ])('takes %j as the target', (fields, target) => {
    expect(targetOfRequest(request(fields))).toEqual(target);
  });

  it('rejects a request without a target, naming every target field', () => {
    expect(() => targetOfRequest(request({}))).toThrow(ContractViolationError);
    try {
      targetOfRequest(request({}));
    } catch (error) {
      const fields = (error as ContractViolationError).violations.map((v) => v.field);
      expect(fields).toEqual(['action_token', 'user_id', 'device_id', 'ip_address']);
    }
  });

  it('rejects two targets, naming both', () => {
    let caught: unknown;
    try {
      targetOfRequest(request({ user_id: 'user-1', device_id: 'device-1' }));
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ContractViolationError);
    expect((caught as ContractViolationError).violations.map((v) => v.field)).toEqual([
      'user_id',
      'device_id',
    ]);
    expect((caught as Error).message).toContain('got user_id and device_id');
  });
});
