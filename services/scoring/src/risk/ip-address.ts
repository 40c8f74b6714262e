import * as ipaddr from 'ipaddr.js';

/** An IP address as an unsigned integer: a number for IPv4, a bigint for IPv6. */
export type ParsedIp = { family: 'ipv4'; value: number } | { family: 'ipv6'; value: bigint };

/** An inclusive range of addresses of one family. */
export type ParsedIpRange =
  { family: 'ipv4'; first: number; last: number } | { family: 'ipv6'; first: bigint; last: bigint };

const IPV4_BITS = 32;
const IPV6_BITS = 128;

/**
 * Parses an IPv4 address in dotted-quad form or an IPv6 address. An IPv4-mapped IPv6 address
 * (`::ffff:192.0.2.1`) becomes its IPv4 address. Returns undefined for anything else, including
 * the shorthand IPv4 forms (`127.1`, `0x7f.0.0.1`) that browsers never send.
 */
export function parseIp(text: string): ParsedIp | undefined {
  const ipv4 = parseIpv4(text);
  if (ipv4 !== undefined) {
    return { family: 'ipv4', value: ipv4 };
  }
  const address = text.includes(':') ? parseIpv6(text) : undefined;
  if (address === undefined) {
    return undefined;
  }
  if (address.isIPv4MappedAddress()) {
    return { family: 'ipv4', value: bytesToNumber(address.toIPv4Address().toByteArray()) };
  }

  return { family: 'ipv6', value: partsToBigInt(address.parts) };
}

/** Parses `address/prefix` into the inclusive range it covers, or returns undefined. */
export function parseCidr(text: string): ParsedIpRange | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? undefined : parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,3}$/.test(prefixText)) {
    return undefined;
  }
  const prefix = Number(prefixText);
  if (address.family === 'ipv4') {
    return prefix > IPV4_BITS ? undefined : ipv4Range(address.value, prefix);
  }

  return prefix > IPV6_BITS ? undefined : ipv6Range(address.value, prefix);
}

/**
 * Returns the canonical text of an address: a dotted quad, or RFC 5952 text for IPv6. Different
 * spellings of one address give the same text. Returns undefined when `text` is not an address.
 */
export function normalizeIp(text: string): string | undefined {
  const address = parseIp(text);
  if (address === undefined) {
    return undefined;
  }
  if (address.family === 'ipv4') {
    return formatIpv4(address.value);
  }

  return ipaddr.IPv6.parse(text).toRFC5952String();
}

/** Returns the range that holds only `address`. */
export function rangeOfAddress(address: ParsedIp): ParsedIpRange {
  return address.family === 'ipv4'
    ? { family: 'ipv4', first: address.value, last: address.value }
    : { family: 'ipv6', first: address.value, last: address.value };
}

/** Formats an IPv4 address held as an unsigned integer. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

// A leading zero is rejected because some parsers read `010` as octal.
const IPV4_PATTERN = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

function parseIpv4(text: string): number | undefined {
  const match = IPV4_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }
  let value = 0;
  for (let group = 1; group <= 4; group += 1) {
    const octet = Number(match[group]);
    if (octet > 255) {
      return undefined;
    }
    value = value * 256 + octet;
  }

  return value;
}

function parseIpv6(text: string): ipaddr.IPv6 | undefined {
  try {
    return ipaddr.IPv6.parse(text);
  } catch {
    // ipaddr.js throws on any text that is not an IPv6 address.
    return undefined;
  }
}

function ipv4Range(value: number, prefix: number): ParsedIpRange {
  const size = 2 ** (IPV4_BITS - prefix);
  const first = value - (value % size);

  return { family: 'ipv4', first, last: first + size - 1 };
}

function ipv6Range(value: bigint, prefix: number): ParsedIpRange {
  const hostBits = BigInt(IPV6_BITS - prefix);
  const first = (value >> hostBits) << hostBits;

  return { family: 'ipv6', first, last: first + (1n << hostBits) - 1n };
}

function bytesToNumber(bytes: number[]): number {
  return bytes.reduce((value, byte) => value * 256 + byte, 0);
}

function partsToBigInt(parts: number[]): bigint {
  return parts.reduce((value, part) => (value << 16n) | BigInt(part), 0n);
}
