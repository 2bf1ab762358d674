import { useTranslation } from 'react-i18next';

/** The file viewer's way into editing the dump it shows. */
export function EditDumpButton({ onEdit }: { onEdit: () => void }) {
  const { t } = useTranslation('dumps');
  return (
    <button type="button" onClick={onEdit} title={t('editHint')} className="rounded px-2 py-0.5 text-[12.5px] font-medium text-sky-700 hover:bg-slate-200" data-testid="edit-dump">
      {t('edit')}
    </button>
  );
}
