/**
 * The packet spec split into the builder's fields and joined back. Lenient on purpose: the
 * engine's parser (`parsePacketSpec`, in the store) is the judge; this only lets the fields and
 * the spec text edit the same string.
 */
export interface SpecFields {
  proto: string;
  src: string;
  dst: string;
}

export function splitSpec(spec: string): SpecFields {
  const text = spec.trim();
  const gt = text.indexOf('>');
  const left = (gt < 0 ? text : text.slice(0, gt)).trim().split(/\s+/).filter(Boolean);
  const dst = gt < 0 ? '' : text.slice(gt + 1).trim();
  return { proto: left[0]?.toLowerCase() ?? 'tcp', src: left.slice(1).join(' '), dst };
}

export function joinSpec({ proto, src, dst }: SpecFields): string {
  return `${proto || 'tcp'} ${src.trim() ? `${src.trim()} ` : ''}> ${dst.trim()}`;
}
