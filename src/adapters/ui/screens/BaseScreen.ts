import type { InputEvent } from '../../../core/input/InputEvent.js';
import type { Size } from '../view/frame.js';
import type { Screen, ScreenView, UiContext } from './Screen.js';

export abstract class BaseScreen implements Screen {
  protected disposed = false;

  constructor(protected readonly ctx: UiContext) {}

  abstract view(size: Size): ScreenView;
  abstract handle(e: InputEvent): void;

  dispose(): void {
    this.disposed = true;
  }

  /**
   * Awaits an app call; the callbacks run only while the screen is still open (a cancellation may
   * have closed it meanwhile), then the screen is repainted.
   */
  protected settle<T>(p: Promise<T>, ok: (v: T) => void, fail: (e: unknown) => void): void {
    p.then(
      (v) => {
        if (this.disposed) return;
        ok(v);
        this.ctx.invalidate();
      },
      (e: unknown) => {
        if (this.disposed) return;
        fail(e);
        this.ctx.invalidate();
      },
    );
  }
}
