/** What a screen is to the router, and what the router offers screens. No blessed here. */
import type { AppServices, DraftInfo } from '../../../app/AppServices.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { Translator } from '../i18n/index.js';
import type { ModalView, Size, SoftKeys } from '../view/frame.js';
import type { Line } from '../view/text.js';

export type Route =
  | { name: 'login' }
  | { name: 'jobs' }
  /** `scanned`: the code that opened the job from the list (counts as the meter scan). */
  | { name: 'reading'; jobId: string; scanned?: string }
  | { name: 'job'; jobId: string }
  /** Cut, reconnection or meter exchange: the screen follows the job's kind. */
  | { name: 'fieldwork'; jobId: string }
  | { name: 'reprint'; documentNo?: string }
  | { name: 'endOfDay' }
  /** A kaçak/usulsüz report on this job; `corrects`: a correction of that sealed report. */
  | { name: 'inspection'; jobId: string; corrects?: string };

export interface ScreenView {
  title: string;
  titleRight?: string;
  /** At most `size.rows` lines; the frame pads and clips each to the width. */
  body: Line[];
  keys: SoftKeys;
  /**
   * What Esc (Back) does here, shown on the soft-key bar as "Esc <label>" (issue 19: every screen
   * shows its way back). Undefined: the router's default ("Geri") on any screen above the job
   * list; null: Esc does nothing now (saving, printing).
   */
  back?: string | null;
  /**
   * A confirm screen (it records, prints or leaves for good on a key): the router accepts a key
   * here only after a pause since the one before, so a key pressed before it appeared, a held key
   * or a rhythm of keys cannot confirm it (issue 19, adapters/ui/confirmGuard.ts).
   */
  confirm?: boolean;
}

export interface Screen {
  /** The job this screen works on: a cancellation of that job closes the screen. */
  readonly jobId?: string;
  /** `size` is the body area (columns × body rows). Pure with respect to the screen's state. */
  view(size: Size): ScreenView;
  handle(e: InputEvent): void;
  /** The screen is on top again after the one above it closed. */
  resume?(): void;
  /** Leaving for good: results of work still in flight must be ignored. */
  dispose?(): void;
  /**
   * What this screen holds that is not confirmed yet, for the audit log when an idle lock's drafts
   * are abandoned (parkedSession.ts); null when nothing would be lost. Screens without it count as
   * a draft of their route when they work on a job.
   */
  draft?(): DraftInfo | null;
}

export interface Nav {
  push(r: Route): void;
  /** Replaces the top screen. */
  replace(r: Route): void;
  pop(): void;
  /** Back to the job list, closing everything above it. */
  home(): void;
  /** Logged out: only the login screen remains. */
  login(): void;
  modal(m: ModalView): void;
}

export interface UiContext {
  readonly app: AppServices;
  readonly t: Translator;
  readonly nav: Nav;
  /** Asks for a repaint (after an awaited call settles). */
  invalidate(): void;
  /** Demo mode: open the scan prompt (TerminalKeyInput), when there is one. */
  readonly promptScan?: (() => void) | undefined;
  /** A failure as one line the crew understands, from the AppError code. */
  errorText(e: unknown): string;
}
