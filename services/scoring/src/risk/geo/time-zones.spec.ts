import { greatCircleKm, parseGmtOffset, TimeZoneTable } from './time-zones';

const SUMMER = new Date('2024-08-20T12:00:00.000Z');
const WINTER = new Date('2024-01-15T12:00:00.000Z');

describe(TimeZoneTable.name, () => {
  let table: TimeZoneTable;

  beforeAll(() => {
    table = TimeZoneTable.load();
  });

  it('reads the shipped zone.tab', () => {
    expect(table.countryOfZone('Europe/Berlin')).toBe('DE');
    expect(table.countryOfZone('America/Sao_Paulo')).toBe('BR');
    expect(table.zonesOf('US').length).toBeGreaterThan(20);
  });

  it('gives a country its offsets in summer and winter', () => {
    expect(table.offsetsOf('DE', SUMMER)).toEqual([120]);
    expect(table.offsetsOf('DE', WINTER)).toEqual([60]);
    expect(table.offsetsOf('IN', SUMMER)).toEqual([330]);
    expect(table.offsetsOf('US', SUMMER)).toEqual(expect.arrayContaining([-240, -420, -600]));
  });

  it('gives a zone alias the offset of its zone', () => {
    expect(table.offsetOfZone('Asia/Calcutta', SUMMER)).toBe(330);
    expect(table.offsetOfZone('Not/AZone', SUMMER)).toBeUndefined();
  });

  it('measures the distance between the nearest cities of two countries', () => {
    const franceToGermany = table.distanceKm('FR', 'DE')!;

    // Paris to Busingen, the German zone on the Swiss border, not Paris to Berlin (878 km).
    expect(Math.round(franceToGermany)).toBe(487);
    // Honolulu, the US zone nearest to Australia, to eastern Australia.
    expect(Math.round(table.distanceKm('US', 'AU')!)).toBe(7397);
    expect(table.distanceKm('DE', 'DE')).toBe(0);
    expect(table.distanceKm('DE', 'XX')).toBeUndefined();
  });
});

describe(parseGmtOffset.name, () => {
  it.each([
    ['GMT', 0],
    ['GMT+05:30', 330],
    ['GMT-03:00', -180],
  ])('reads %s as %i minutes', (name, minutes) => {
    expect(parseGmtOffset(name)).toBe(minutes);
  });
});

describe(greatCircleKm.name, () => {
  it('measures Paris to New York', () => {
    const paris = { latitude: 48.8667, longitude: 2.3333 };
    const newYork = { latitude: 40.7142, longitude: -74.0064 };

    expect(Math.round(greatCircleKm(paris, newYork) / 10)).toBe(584);
  });
});
