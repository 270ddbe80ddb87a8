/**
 * `Fn::Cidr`, computed for real: `count` consecutive subnets with `cidrBits` host bits each, carved from the
 * start of `ipBlock` (IPv4 or IPv6). Returns a reason string instead of throwing so the evaluator can locate it.
 */

/** The subnets, or the reason they cannot be carved. */
export type CidrResult = { readonly ok: true; readonly subnets: string[] } | { readonly ok: false; readonly reason: string };

/** Computes `Fn::Cidr [ipBlock, count, cidrBits]`. */
export function computeCidr(ipBlock: string, count: number, cidrBits: number): CidrResult {
  const slash = ipBlock.indexOf('/');
  if (slash < 0) return { ok: false, reason: `"${ipBlock}" is not a CIDR block (expected address/prefix, e.g. 10.0.0.0/16)` };
  const address = ipBlock.slice(0, slash);
  const prefixText = ipBlock.slice(slash + 1);
  const v6 = address.includes(':');
  const width = v6 ? 128 : 32;
  const parsed = v6 ? parseIpv6(address) : parseIpv4(address);
  if (parsed === undefined || !/^\d{1,3}$/.test(prefixText) || Number(prefixText) > width) {
    return { ok: false, reason: `"${ipBlock}" is not a valid IPv${v6 ? 6 : 4} CIDR block` };
  }
  const prefix = Number(prefixText);
  if (!Number.isInteger(count) || count < 1 || count > 256) return { ok: false, reason: `count must be an integer from 1 to 256, got ${count}` };
  if (!Number.isInteger(cidrBits) || cidrBits < 1 || cidrBits > width) {
    return { ok: false, reason: `cidrBits must be an integer from 1 to ${width}, got ${cidrBits}` };
  }
  const subnetPrefix = width - cidrBits;
  if (subnetPrefix < prefix) {
    return { ok: false, reason: `cidrBits ${cidrBits} makes /${subnetPrefix} subnets, larger than the /${prefix} block` };
  }
  const available = 1n << BigInt(subnetPrefix - prefix);
  if (BigInt(count) > available) {
    return { ok: false, reason: `a /${prefix} block holds only ${available} subnets of /${subnetPrefix}, ${count} requested` };
  }
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  const network = parsed & ~hostMask;
  const step = 1n << BigInt(cidrBits);
  const subnets: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const start = network + i * step;
    subnets.push(`${v6 ? formatIpv6(start) : formatIpv4(start)}/${subnetPrefix}`);
  }
  return { ok: true, subnets };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0] as string);
  const tail = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** RFC 5952 text: lowercase, leading zeros dropped, the longest run of two or more zero groups as `::`. */
function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
