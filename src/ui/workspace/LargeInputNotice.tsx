/** Asks before inputs above the supported size are parsed (see largeInputs.ts). */
import { useTranslation } from 'react-i18next';
import { BUTTON, BUTTON_PRIMARY } from '../shell/classes';
import { inputSize } from '../store/inputContent';
import type { WorkspaceInput } from '../store/types';
import { MAX_SUPPORTED_MB, tooLarge } from './largeInputs';

interface Props {
  pending: WorkspaceInput[];
  onParse: () => void;
  onCancel: () => void;
}

export function LargeInputNotice({ pending, onParse, onCancel }: Props) {
  const { t } = useTranslation('privacy');
  const big = pending.filter(tooLarge);
  const names = big.map((i) => `${i.name} (${(inputSize(i) / 2 ** 20).toFixed(0)} MB)`).join(', ');
  return (
    <div role="alertdialog" aria-labelledby="large-input-title" aria-describedby="large-input-message" className="space-y-1.5 rounded-md border border-amber-300 bg-amber-50 px-2 py-2" data-testid="large-input-notice">
      <p id="large-input-title" className="text-[12.5px] font-semibold text-amber-900">
        {t('large.title')}
      </p>
      <p id="large-input-message" className="text-[12px] break-words text-amber-900">
        {t('large.message', { count: big.length, names, limit: MAX_SUPPORTED_MB })}
      </p>
      <div className="flex gap-1.5">
        <button type="button" className={BUTTON_PRIMARY} onClick={onParse} data-testid="large-input-parse">
          {t('large.parse')}
        </button>
        <button type="button" className={BUTTON} onClick={onCancel} data-testid="large-input-cancel">
          {t('large.cancel')}
        </button>
      </div>
    </div>
  );
}
