import { useTranslation } from 'react-i18next';
import { BUTTON } from '../shell/classes';
import { useHopscope } from '../store/StoreProvider';

/** The header's way back to the scenario gallery. */
export function GalleryButton() {
  const { t } = useTranslation('gallery');
  const open = useHopscope((s) => s.galleryOpen);
  const openGallery = useHopscope((s) => s.openGallery);
  return (
    <button type="button" className={BUTTON} onClick={() => void openGallery()} aria-pressed={open} title={t('button.hint')} data-testid="gallery-button">
      <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" aria-hidden="true">
        <rect x="1.5" y="1.5" width="5.5" height="5.5" rx="1.2" className="fill-current" />
        <rect x="9" y="1.5" width="5.5" height="5.5" rx="1.2" className="fill-current opacity-60" />
        <rect x="1.5" y="9" width="5.5" height="5.5" rx="1.2" className="fill-current opacity-60" />
        <rect x="9" y="9" width="5.5" height="5.5" rx="1.2" className="fill-current" />
      </svg>
      {t('button.label')}
    </button>
  );
}
