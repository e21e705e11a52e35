import { describe, expect, it } from 'vitest';
import { isMaterialField, loadPolicy, PolicyError } from '../../src/index.js';

describe('CH policy', () => {
  it('CH-2 defaults: finance for price and payment terms, production for quantity and dates, engineering for specifications', () => {
    const { change } = loadPolicy();
    expect(change.departments['lines.unitPrice']).toEqual(['finance']);
    expect(change.departments.paymentTerms).toEqual(['finance']);
    expect(change.departments['lines.quantity']).toEqual(['production']);
    expect(change.departments.requestedDeliveryDate).toEqual(['production']);
    expect(change.departments['lines.specification']).toEqual(['engineering']);
  });

  it('CH-2 an override of one field keeps the other defaults', () => {
    const { change } = loadPolicy({
      change: { departments: { paymentTerms: ['financeDirector'] } },
    });
    expect(change.departments.paymentTerms).toEqual(['financeDirector']);
    expect(change.departments['lines.quantity']).toEqual(['production']);
  });

  it('CH-4 materiality: the most specific entry decides; unlisted fields are material by default', () => {
    const policy = loadPolicy({
      change: {
        materiality: {
          nonMaterial: ['contact', 'notes', 'deliveryAddress'],
          material: ['deliveryAddress.country'],
        },
      },
    });
    expect(isMaterialField('contact.phone', policy)).toBe(false);
    expect(isMaterialField('deliveryAddress.street', policy)).toBe(false);
    expect(isMaterialField('deliveryAddress.country', policy)).toBe(true);
    expect(isMaterialField('lines.unitPrice', policy)).toBe(true);
    expect(isMaterialField('urgent', policy)).toBe(true);
    expect(
      isMaterialField(
        'urgent',
        loadPolicy({ change: { materiality: { unlisted: 'nonMaterial' } } }),
      ),
    ).toBe(false);
  });

  it('CH-6 an unknown role or step in the change policy is refused with its path', () => {
    expect(() =>
      loadPolicy({ change: { notify: { paymentTerms: ['treasury'] }, departmentStep: 'nope' } }),
    ).toThrow(PolicyError);
    try {
      loadPolicy({ change: { notify: { paymentTerms: ['treasury'] }, departmentStep: 'nope' } });
    } catch (e) {
      expect((e as PolicyError).issues.map((i) => i.path).sort()).toEqual([
        'change.departmentStep',
        'change.notify.paymentTerms.0',
      ]);
    }
  });
});
