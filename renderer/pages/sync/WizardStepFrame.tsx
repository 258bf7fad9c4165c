/**
 * One wizard page: "Step n of m: name" as its heading (m: the steps of this run, from WizardStepsContext), the content, and the buttons. Enter anywhere in the step
 * (except on a button or link, which answer Enter themselves) presses the step's default button, as in the
 * Windows client's wizard. Focus moves to the heading when the step appears, so keyboard and screen-reader
 * users start at the top of the new step. The heading draws no focus ring: it is no control (tabIndex -1, Tab
 * never lands on it), and a ring around a title reads as a selection; the controls keep theirs.
 */
import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { createContext, useContext, useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ALL_STEPS, type StepName } from './wizard-course';

export type WizardStepName = StepName;

/** One of a step's pages (the activity selection has one per chosen area): named in the heading when there are several. */
export interface WizardPage {
  name: string;
  /** 1-based. */
  index: number;
  count: number;
}

/** The steps of this run, in order: without *Edit documents* when the admin setting is off. */
export const WizardStepsContext = createContext<readonly StepName[]>(ALL_STEPS);

const useStyles = makeStyles({
  frame: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  // Chrome counts focus moved by script after a key press as :focus-visible, so only "none" on both keeps the ring off.
  heading: { ...typographyStyles.subtitle1, margin: 0, ':focus': { outlineStyle: 'none' }, ':focus-visible': { outlineStyle: 'none' } },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

interface WizardStepFrameProps {
  step: WizardStepName;
  children: ReactNode;
  /** The buttons, default button last (where the Windows wizard has *Next*). */
  actions: ReactNode;
  /** What Enter does; undefined while the default button is disabled. */
  onDefaultAction?: (() => void) | undefined;
  page?: WizardPage | undefined;
}

export function WizardStepFrame({ step, children, actions, onDefaultAction, page }: WizardStepFrameProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const steps = useContext(WizardStepsContext);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const title = t('sync.stepOf', { step: steps.indexOf(step) + 1, total: steps.length, name: t(`sync.steps.${step}`) });
  useEffect(() => heading.current?.focus(), [step]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    if (target.closest('button, a, [role="button"], [role="link"], textarea') !== null) return;
    if (onDefaultAction === undefined) return;
    event.preventDefault();
    onDefaultAction();
  };

  return (
    <section className={styles.frame} aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <h2 id={headingId} className={styles.heading} ref={heading} tabIndex={-1}>
        {page === undefined || page.count < 2 ? title : t('sync.stepPage', { title, page: page.name, index: page.index, count: page.count })}
      </h2>
      {children}
      <div className={styles.actions}>{actions}</div>
    </section>
  );
}
