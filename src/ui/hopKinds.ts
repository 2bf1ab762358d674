/** How each hop kind is coloured in lists and badges; its name is `common:hopKind.<kind>`. */
import type { HopKind } from '../engine';

export interface HopKindStyle {
  /** Badge colours (text + background), Tailwind classes. */
  badge: string;
}

export const HOP_KINDS: Record<HopKind, HopKindStyle> = {
  originate: { badge: 'text-sky-700 bg-sky-50 ring-sky-200' },
  route: { badge: 'text-indigo-700 bg-indigo-50 ring-indigo-200' },
  chain: { badge: 'text-slate-700 bg-slate-100 ring-slate-200' },
  conntrack: { badge: 'text-teal-700 bg-teal-50 ring-teal-200' },
  egress: { badge: 'text-slate-700 bg-slate-100 ring-slate-200' },
  veth: { badge: 'text-violet-700 bg-violet-50 ring-violet-200' },
  bridge: { badge: 'text-slate-700 bg-slate-100 ring-slate-200' },
  ingress: { badge: 'text-slate-700 bg-slate-100 ring-slate-200' },
  wire: { badge: 'text-slate-700 bg-slate-100 ring-slate-200' },
  encap: { badge: 'text-orange-700 bg-orange-50 ring-orange-200' },
  decap: { badge: 'text-orange-700 bg-orange-50 ring-orange-200' },
  ipvs: { badge: 'text-amber-700 bg-amber-50 ring-amber-200' },
  deliver: { badge: 'text-emerald-700 bg-emerald-50 ring-emerald-200' },
  drop: { badge: 'text-red-700 bg-red-50 ring-red-200' },
};
