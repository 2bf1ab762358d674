/** How each hop kind is named and coloured in lists and badges. */
import type { HopKind } from '../engine';

export interface HopKindStyle {
  label: string;
  /** Badge colours (text + background), Tailwind classes. */
  badge: string;
}

export const HOP_KINDS: Record<HopKind, HopKindStyle> = {
  originate: { label: 'Send', badge: 'text-sky-700 bg-sky-50 ring-sky-200' },
  route: { label: 'Routing', badge: 'text-indigo-700 bg-indigo-50 ring-indigo-200' },
  chain: { label: 'Chain', badge: 'text-slate-700 bg-slate-100 ring-slate-200' },
  conntrack: { label: 'Conntrack', badge: 'text-teal-700 bg-teal-50 ring-teal-200' },
  egress: { label: 'Egress', badge: 'text-slate-700 bg-slate-100 ring-slate-200' },
  veth: { label: 'veth', badge: 'text-violet-700 bg-violet-50 ring-violet-200' },
  bridge: { label: 'Bridge', badge: 'text-slate-700 bg-slate-100 ring-slate-200' },
  ingress: { label: 'Ingress', badge: 'text-slate-700 bg-slate-100 ring-slate-200' },
  wire: { label: 'Network', badge: 'text-slate-700 bg-slate-100 ring-slate-200' },
  encap: { label: 'Encapsulate', badge: 'text-orange-700 bg-orange-50 ring-orange-200' },
  decap: { label: 'Decapsulate', badge: 'text-orange-700 bg-orange-50 ring-orange-200' },
  ipvs: { label: 'IPVS', badge: 'text-amber-700 bg-amber-50 ring-amber-200' },
  deliver: { label: 'Delivered', badge: 'text-emerald-700 bg-emerald-50 ring-emerald-200' },
  drop: { label: 'Dropped', badge: 'text-red-700 bg-red-50 ring-red-200' },
};
