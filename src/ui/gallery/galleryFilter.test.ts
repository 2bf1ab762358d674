import { describe, expect, it } from 'vitest';
import { filterScenarios, galleryFacets, hasFilters, NO_FILTERS, sortEntries, type GalleryEntry } from './galleryFilter';

function entry(id: string, patch: Partial<GalleryEntry> = {}): GalleryEntry {
  return { id, title: id, summary: '', goals: [], level: 'beginner', datapath: 'kube-proxy-iptables', topics: [], questions: 0, ...patch };
}

const ENTRIES: GalleryEntry[] = [
  entry('pod-to-clusterip', { title: { en: 'Pod to ClusterIP', ko: '파드에서 ClusterIP로', zh: 'Pod 到 ClusterIP' }, topics: ['service', 'dnat', 'conntrack'] }),
  entry('nodeport-ipvs', { title: 'NodePort through IPVS', level: 'intermediate', datapath: 'kube-proxy-ipvs', topics: ['service', 'nodeport', 'ipvs'] }),
  entry('pod-to-pod-vxlan', { title: 'Pod to pod over VXLAN', summary: { en: 'flannel encapsulates', ko: '플래널이 캡슐화합니다' }, level: 'advanced', datapath: 'flannel-vxlan', topics: ['vxlan', 'overlay'] }),
];

const ids = (es: GalleryEntry[]) => es.map((e) => e.id);

describe('filterScenarios', () => {
  it('returns everything without a query or filter', () => {
    expect(ids(filterScenarios(ENTRIES, NO_FILTERS, 'en'))).toEqual(['pod-to-clusterip', 'nodeport-ipvs', 'pod-to-pod-vxlan']);
  });

  it('matches every word of the query, case-insensitively, in title, summary, id and tags', () => {
    expect(ids(filterScenarios(ENTRIES, { ...NO_FILTERS, query: 'nodeport' }, 'en'))).toEqual(['nodeport-ipvs']);
    expect(ids(filterScenarios(ENTRIES, { ...NO_FILTERS, query: 'POD  service' }, 'en'))).toEqual(['pod-to-clusterip']);
    expect(ids(filterScenarios(ENTRIES, { ...NO_FILTERS, query: 'encapsulates' }, 'en'))).toEqual(['pod-to-pod-vxlan']);
    expect(ids(filterScenarios(ENTRIES, { ...NO_FILTERS, query: 'nodeport vxlan' }, 'en'))).toEqual([]);
  });

  it("searches the reader's language and English alike", () => {
    expect(ids(filterScenarios(ENTRIES, { ...NO_FILTERS, query: '캡슐화' }, 'ko'))).toEqual(['pod-to-pod-vxlan']);
    expect(ids(filterScenarios(ENTRIES, { ...NO_FILTERS, query: 'flannel' }, 'ko'))).toEqual(['pod-to-pod-vxlan']);
    // Full-width letters, as a CJK keyboard may type them, fold to the ASCII ones.
    expect(ids(filterScenarios(ENTRIES, { ...NO_FILTERS, query: 'ＩＰＶＳ' }, 'zh'))).toEqual(['nodeport-ipvs']);
  });

  it('combines topic, datapath and level filters with the query', () => {
    expect(ids(filterScenarios(ENTRIES, { ...NO_FILTERS, topic: 'service' }, 'en'))).toEqual(['pod-to-clusterip', 'nodeport-ipvs']);
    expect(ids(filterScenarios(ENTRIES, { ...NO_FILTERS, topic: 'service', datapath: 'kube-proxy-ipvs' }, 'en'))).toEqual(['nodeport-ipvs']);
    expect(ids(filterScenarios(ENTRIES, { ...NO_FILTERS, topic: 'service', level: 'advanced' }, 'en'))).toEqual([]);
    expect(ids(filterScenarios(ENTRIES, { ...NO_FILTERS, level: 'advanced', query: 'pod' }, 'en'))).toEqual(['pod-to-pod-vxlan']);
  });
});

describe('galleryFacets', () => {
  it('counts each topic, datapath and level; levels in teaching order', () => {
    const f = galleryFacets(ENTRIES);
    expect(f.topics).toContainEqual({ value: 'service', count: 2 });
    expect(f.topics.map((t) => t.value)).toEqual(['conntrack', 'dnat', 'ipvs', 'nodeport', 'overlay', 'service', 'vxlan']);
    expect(f.datapaths).toEqual([
      { value: 'flannel-vxlan', count: 1 },
      { value: 'kube-proxy-iptables', count: 1 },
      { value: 'kube-proxy-ipvs', count: 1 },
    ]);
    expect(f.levels.map((l) => l.value)).toEqual(['beginner', 'intermediate', 'advanced']);
  });
});

describe('sortEntries / hasFilters', () => {
  it('puts beginners first, then sorts by title in the language', () => {
    const more = [...ENTRIES, entry('a-beginner', { title: 'Another beginner one' })];
    expect(ids(sortEntries(more, 'en'))).toEqual(['a-beginner', 'pod-to-clusterip', 'nodeport-ipvs', 'pod-to-pod-vxlan']);
  });

  it('knows when anything narrows the list', () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, query: '  ' })).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, level: 'beginner' })).toBe(true);
  });
});
