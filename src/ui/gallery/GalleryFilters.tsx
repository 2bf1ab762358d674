/** The gallery's search field and its three filters (topic, datapath, level). */
import { useTranslation } from 'react-i18next';
import type { Level } from '../../engine';
import { BUTTON_GHOST, FIELD, SELECT } from '../shell/classes';
import { hasFilters, NO_FILTERS, type Facets, type GalleryFilters as Filters } from './galleryFilter';

interface Props {
  facets: Facets;
  filters: Filters;
  onChange: (patch: Partial<Filters>) => void;
  searchRef?: React.Ref<HTMLInputElement>;
}

const LABEL = 'flex min-w-0 flex-col gap-0.5 text-[11.5px] font-medium text-slate-600';

export function GalleryFilters({ facets, filters, onChange, searchRef }: Props) {
  const { t } = useTranslation('gallery');
  return (
    <form role="search" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()} className="grid grid-cols-[minmax(14rem,2fr)_repeat(3,minmax(9rem,1fr))_auto] items-end gap-3 max-lg:grid-cols-2">
      <label className={LABEL}>
        {t('filters.search')}
        <input
          ref={searchRef}
          type="search"
          value={filters.query}
          onChange={(e) => onChange({ query: e.target.value })}
          placeholder={t('filters.searchPlaceholder')}
          className={`${FIELD} py-1.5 text-[13.5px]`}
          data-testid="gallery-search"
        />
      </label>
      <label className={LABEL}>
        {t('filters.topic')}
        <select value={filters.topic ?? ''} onChange={(e) => onChange({ topic: e.target.value || null })} className={`${SELECT} py-1.5`} data-testid="filter-topic">
          <option value="">{t('filters.allTopics')}</option>
          {facets.topics.map((f) => (
            <option key={f.value} value={f.value}>
              {t('filters.option', { value: f.value, count: f.count })}
            </option>
          ))}
        </select>
      </label>
      <label className={LABEL}>
        {t('filters.datapath')}
        <select value={filters.datapath ?? ''} onChange={(e) => onChange({ datapath: e.target.value || null })} className={`${SELECT} py-1.5`} data-testid="filter-datapath">
          <option value="">{t('filters.allDatapaths')}</option>
          {facets.datapaths.map((f) => (
            <option key={f.value} value={f.value}>
              {t('filters.option', { value: f.value, count: f.count })}
            </option>
          ))}
        </select>
      </label>
      <label className={LABEL}>
        {t('filters.level')}
        <select value={filters.level ?? ''} onChange={(e) => onChange({ level: (e.target.value || null) as Level | null })} className={`${SELECT} py-1.5`} data-testid="filter-level">
          <option value="">{t('filters.allLevels')}</option>
          {facets.levels.map((f) => (
            <option key={f.value} value={f.value}>
              {t('filters.option', { value: t(`level.${f.value}`), count: f.count })}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className={`${BUTTON_GHOST} mb-1 whitespace-nowrap disabled:cursor-not-allowed disabled:opacity-40`} onClick={() => onChange(NO_FILTERS)} disabled={!hasFilters(filters)} data-testid="clear-filters">
        {t('filters.clear')}
      </button>
    </form>
  );
}
