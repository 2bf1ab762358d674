/**
 * One "predict the next hop" question: the choices as a radio group, "Check", then whether the
 * pick was right, the right answer, the author's explanation and what the trace changed.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../engine';
import { BUTTON, BUTTON_PRIMARY } from '../shell/classes';
import { useHopscope } from '../store/StoreProvider';
import type { GuideQuestion } from './guideAdapter';

interface Props {
  question: GuideQuestion;
  number: number;
  total: number;
}

export function QuestionCard({ question: q, number, total }: Props) {
  const { t } = useTranslation('guided');
  const lang = useHopscope((s) => s.lang);
  const given = useHopscope((s) => s.answers[q.id]);
  const answer = useHopscope((s) => s.answer);
  const goTo = useHopscope((s) => s.goTo);
  const next = useHopscope((s) => s.next);
  const [picked, setPicked] = useState<number | null>(null);
  const answered = given !== undefined;
  const right = given === q.correct;
  const cardRef = useRef<HTMLElement>(null);
  const continueRef = useRef<HTMLButtonElement>(null);

  // A new question takes the focus, so a keyboard or screen-reader user lands on it.
  useEffect(() => {
    if (!answered) cardRef.current?.focus();
    // Only when a question first appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q.id]);
  useEffect(() => {
    if (answered) continueRef.current?.focus();
  }, [answered]);

  const tone = !answered ? 'border-sky-300 bg-sky-50' : right ? 'border-emerald-300 bg-emerald-50' : 'border-red-300 bg-red-50';
  return (
    <section
      ref={cardRef}
      tabIndex={-1}
      aria-labelledby={`question-${q.id}`}
      className={`rounded-lg border p-3 ${tone}`}
      data-testid="guided-question"
      data-question-id={q.id}
      data-state={!answered ? 'open' : right ? 'right' : 'wrong'}
    >
      <h3 id={`question-${q.id}`} className="text-[11px] font-semibold tracking-wide text-slate-600 uppercase">
        {t(q.kind === 'field' ? 'question.headingField' : 'question.headingNext', { number, total })}
      </h3>
      <fieldset className="mt-1">
        <legend className="text-[14px] leading-snug font-semibold text-slate-900">{localize(q.prompt, lang)}</legend>
        <div className="mt-2 flex flex-col gap-1.5">
          {q.choices.map((choice, i) => {
            const isRight = answered && i === q.correct;
            const isWrongPick = answered && i === given && !right;
            return (
              <label
                key={i}
                className={`flex cursor-pointer items-start gap-2 rounded-md border px-2.5 py-1.5 text-[13px] leading-snug ${
                  isRight ? 'border-emerald-400 bg-white font-semibold text-emerald-900' : isWrongPick ? 'border-red-400 bg-white text-red-900' : 'border-slate-200 bg-white text-slate-800'
                } ${answered ? 'cursor-default' : 'hover:border-sky-400'}`}
                data-testid="guided-choice"
                data-correct={answered ? String(i === q.correct) : undefined}
              >
                <input
                  type="radio"
                  name={`guided-${q.id}`}
                  value={i}
                  checked={answered ? given === i : picked === i}
                  disabled={answered}
                  onChange={() => setPicked(i)}
                  className="mt-0.5 accent-sky-600"
                />
                <span className="min-w-0 flex-1">{localize(choice, lang)}</span>
                {isRight && <span className="shrink-0 text-[11.5px] font-semibold text-emerald-800">{t('question.rightAnswer')}</span>}
                {isWrongPick && <span className="shrink-0 text-[11.5px] font-semibold text-red-800">{t('question.yourAnswer')}</span>}
              </label>
            );
          })}
        </div>
      </fieldset>
      {!answered ? (
        <div className="mt-2.5 flex items-center gap-2">
          <button type="button" className={BUTTON_PRIMARY} disabled={picked === null} onClick={() => picked !== null && answer(q.id, picked)} data-testid="check-answer">
            {t('question.check')}
          </button>
          <span className="text-[12px] text-slate-500">{t('question.hint')}</span>
        </div>
      ) : (
        <div className="mt-2.5" role="status" data-testid="guided-result">
          <p className={`text-[13.5px] font-semibold ${right ? 'text-emerald-800' : 'text-red-800'}`}>{right ? t('question.right') : t('question.wrong', { answer: localize(q.choices[q.correct]!, lang) })}</p>
          <p className="mt-1 text-[13px] leading-relaxed text-slate-700" data-testid="guided-explanation">
            {localize(q.explanation, lang)}
          </p>
          {q.changes.length > 0 && (
            <ul className="mt-1.5 space-y-0.5 font-mono text-[12px] text-slate-700" aria-label={t('question.changes')}>
              {q.changes.map((c) => (
                <li key={c.field}>
                  {c.field}: {c.before} → <strong>{c.after}</strong>
                </li>
              ))}
            </ul>
          )}
          <div className="mt-2 flex flex-wrap gap-2">
            <button ref={continueRef} type="button" className={BUTTON_PRIMARY} onClick={next} data-testid="guided-continue">
              {t('question.continue')}
            </button>
            {q.answerStep !== q.step && (
              <button type="button" className={BUTTON} onClick={() => goTo(q.answerStep)} data-testid="guided-show-answer">
                {t('question.showAnswer')}
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
