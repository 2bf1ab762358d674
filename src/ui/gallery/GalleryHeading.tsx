import { useTranslation } from 'react-i18next';

/** The header's title on the landing page, before any scenario is open. */
export function GalleryHeading() {
  const { t } = useTranslation('gallery');
  return (
    <>
      <h1 className="truncate text-[15px] leading-tight font-semibold text-slate-900">{t('header.title')}</h1>
      <p className="truncate text-[12.5px] text-slate-500">{t('header.subtitle')}</p>
    </>
  );
}
