import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultIpReputationDirectory } from '../ip-reputation';

/** A time zone of the IANA table with the coordinates of its principal city. */
export interface ZoneEntry {
  country: string;
  zone: string;
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_KM = 6371;

/**
 * Countries, time zones and reference points from the IANA `zone.tab` shipped in
 * `services/scoring/data/geo`. A country's reference points are the principal cities of its zones.
 */
export class TimeZoneTable {
  private readonly byCountry = new Map<string, ZoneEntry[]>();
  private readonly byZone = new Map<string, ZoneEntry>();
  private readonly offsetFormats = new Map<string, Intl.DateTimeFormat>();

  constructor(entries: ZoneEntry[]) {
    for (const entry of entries) {
      this.byZone.set(entry.zone, entry);
      this.byCountry.set(entry.country, [...(this.byCountry.get(entry.country) ?? []), entry]);
    }
  }

  static load(file = defaultZoneTablePath()): TimeZoneTable {
    return new TimeZoneTable(parseZoneTable(readFileSync(file, 'utf8')));
  }

  /** Returns the country a zone belongs to, or undefined for a zone the table does not list. */
  countryOfZone(zone: string): string | undefined {
    return this.byZone.get(zone)?.country;
  }

  zonesOf(country: string): ZoneEntry[] {
    return this.byCountry.get(country) ?? [];
  }

  /** Returns the distinct UTC offsets, in minutes east of UTC, of a country's zones at `at`. */
  offsetsOf(country: string, at: Date): number[] {
    const offsets = this.zonesOf(country).map((entry) => this.offsetOfZone(entry.zone, at));

    return [...new Set(offsets.filter((offset): offset is number => offset !== undefined))];
  }

  /** Returns a zone's UTC offset in minutes east of UTC at `at`, or undefined for an unknown zone. */
  offsetOfZone(zone: string, at: Date): number | undefined {
    const format = this.formatOf(zone);
    const name = format?.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;

    return name === undefined ? undefined : parseGmtOffset(name);
  }

  /**
   * Returns the shortest distance in kilometres between a reference point of one country and
   * one of the other, or undefined when either country is unknown. Borders lie closer than the
   * cities, so the true distance travelled can be smaller; callers must allow for that.
   */
  distanceKm(fromCountry: string, toCountry: string): number | undefined {
    const from = this.zonesOf(fromCountry);
    const to = this.zonesOf(toCountry);
    if (from.length === 0 || to.length === 0) {
      return undefined;
    }
    if (fromCountry === toCountry) {
      return 0;
    }

    return Math.min(...from.flatMap((a) => to.map((b) => greatCircleKm(a, b))));
  }

  private formatOf(zone: string): Intl.DateTimeFormat | undefined {
    if (!this.offsetFormats.has(zone)) {
      try {
        const format = new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          timeZoneName: 'longOffset',
        });
        this.offsetFormats.set(zone, format);
      } catch {
        return undefined;
      }
    }

    return this.offsetFormats.get(zone);
  }
}

/** Parses the rows of `zone.tab`: country code, ISO 6709 coordinates and zone name. */
export function parseZoneTable(text: string): ZoneEntry[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [country, coordinates, zone] = line.split('\t');
      const match = /^([+-]\d+)([+-]\d+)$/.exec(coordinates);
      if (!match) {
        throw new Error(`zone.tab row ${JSON.stringify(line)} has malformed coordinates`);
      }

      return { country, zone, latitude: iso6709(match[1], 2), longitude: iso6709(match[2], 3) };
    });
}

/** Returns minutes east of UTC from `GMT`, `GMT+05:30` or `GMT-03:00`. */
export function parseGmtOffset(name: string): number | undefined {
  if (name === 'GMT') {
    return 0;
  }
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!match) {
    return undefined;
  }
  const minutes = Number(match[2]) * 60 + Number(match[3]);

  return match[1] === '-' ? -minutes : minutes;
}

export function greatCircleKm(
  a: Pick<ZoneEntry, 'latitude' | 'longitude'>,
  b: Pick<ZoneEntry, 'latitude' | 'longitude'>,
): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;

  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

/** Converts `+DDMM[SS]` (latitude, 2 degree digits) or `+DDDMM[SS]` (longitude) to degrees. */
function iso6709(text: string, degreeDigits: number): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1);
  const degrees = Number(digits.slice(0, degreeDigits));
  const minutes = Number(digits.slice(degreeDigits, degreeDigits + 2));
  const seconds = Number(digits.slice(degreeDigits + 2) || '0');

  return sign * (degrees + minutes / 60 + seconds / 3600);
}

/** The `zone.tab` beside the shipped IP lists, found the same way as those. */
export function defaultZoneTablePath(): string {
  return path.join(defaultIpReputationDirectory(), '..', 'geo', 'zone.tab');
}
