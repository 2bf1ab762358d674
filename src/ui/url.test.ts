import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, readUrl } from './url';

describe('readUrl', () => {
  it('opens the default scenario at a bare address', () => {
    expect(readUrl('')).toEqual({ mode: 'scenario', scenario: DEFAULT_SCENARIO, step: 0 });
    expect(readUrl('?lang=ko')).toEqual({ mode: 'scenario', scenario: DEFAULT_SCENARIO, step: 0 });
  });

  it('keeps scenario and workspace links as they were', () => {
    expect(readUrl('?scenario=nodeport-ipvs&step=4')).toEqual({ mode: 'scenario', scenario: 'nodeport-ipvs', step: 3 });
    expect(readUrl('?workspace=1&step=2')).toEqual({ mode: 'workspace', step: 1 });
  });

  it('reads the gallery and its filters, ignoring a level that does not exist', () => {
    expect(readUrl('?gallery&datapath=kube-proxy-ipvs&level=beginner&q=node%20port')).toEqual({
      mode: 'gallery',
      step: 0,
      filters: { query: 'node port', topic: null, datapath: 'kube-proxy-ipvs', level: 'beginner' },
    });
    expect(readUrl('?gallery&level=expert&topic=dnat')).toMatchObject({ filters: { level: null, topic: 'dnat' } });
  });
});
