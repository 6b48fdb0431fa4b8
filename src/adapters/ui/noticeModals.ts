/**
 * What the app's notices (office messages, cancellations, urgent jobs, arrivals) do on screen: a
 * modal that needs Enter, or a flash on the job list. A cancellation of a job open on screen
 * closes that job's screens at once (results still in flight are ignored) and says why.
 */
import type { AppServices, Notice } from '../../app/AppServices.js';
import type { Translator } from './i18n/index.js';
import type { ModalView } from './view/frame.js';
import { jobLabel } from './view/jobRow.js';

/** What the router lends the notices. */
export interface NoticeHost {
  app: AppServices;
  t: Translator;
  /** Nobody is logged in (the login screen is the root). */
  loggedOut(): boolean;
  /** Closes the screens of `jobId` if one is open; true when it was. */
  closeScreensOf(jobId: string): boolean;
  /** Refreshes the job list under the other screens, with a flash line. */
  refreshList(flash?: string): void;
  modal(m: ModalView): void;
  /** `m` is still queued or shown (not yet dismissed with Enter). */
  showing(m: ModalView): boolean;
  repaint(): void;
}

export class NoticeModals {
  /** Notices that arrived while nobody was logged in, shown once the job list is. */
  private deferred: Notice[] = [];
  /** The urgent-job modal still waiting for Enter, so a burst of urgent jobs is one modal. */
  private urgent: { modal: ModalView; jobIds: string[] } | null = null;
  /** Jobs announced in the list's flash since the last key, so batches add up (issue 19: "22" for 36). */
  private arrived = 0;

  constructor(private readonly h: NoticeHost) {}

  /** A key was pressed: the next arrival flash counts from zero. */
  keyPressed(): void {
    this.arrived = 0;
  }

  /** After a login: the notices that waited for it. */
  flush(): void {
    for (const n of this.deferred.splice(0)) this.show(n);
  }

  show(n: Notice): void {
    const { t, app } = this.h;
    // Nobody is logged in: a modal over the login screen would swallow the operator id being typed
    // (a modal takes keys until Enter), and the list it points to is not there. The route usually
    // arrives right then, at boot. Such notices wait for the login; arrivals are summed.
    if (this.h.loggedOut()) {
      // Every arrival adds to one notice, whatever came between (urgent jobs broke the sum: "22" for 36).
      const earlier = this.deferred.findIndex((d) => d.kind === 'jobs-arrived');
      const prev = this.deferred[earlier];
      if (n.kind === 'jobs-arrived' && prev?.kind === 'jobs-arrived')
        this.deferred[earlier] = { kind: 'jobs-arrived', count: prev.count + n.count };
      else this.deferred.push(n);
      return;
    }
    const ok = t('notice.ok');
    switch (n.kind) {
      case 'job-cancelled': {
        const lines = [jobLabel(app.job(n.jobId), n.jobId), t('notice.cancelled.reason', { reason: n.reason })];
        if (this.h.closeScreensOf(n.jobId)) lines.push(t('notice.cancelled.open'));
        this.h.refreshList();
        this.h.modal({ title: t('notice.cancelled.title'), body: lines.join('\n'), footer: ok });
        return;
      }
      case 'urgent-job': {
        // An urgent job is one of the jobs that arrived: the list's count includes it.
        this.arrived += 1;
        this.h.refreshList(t('jobs.arrived', { n: this.arrived }));
        // Several urgent jobs before the crew pressed Enter (a route arriving) make one modal.
        const u = this.urgent;
        if (u && this.h.showing(u.modal)) {
          if (!u.jobIds.includes(n.jobId)) u.jobIds.push(n.jobId);
          u.modal.body = `${t('jobs.arrived', { n: u.jobIds.length })}\n${t('notice.urgent.body')}`;
          this.h.repaint();
          return;
        }
        const modal = {
          title: t('notice.urgent.title'),
          body: `${jobLabel(app.job(n.jobId), n.jobId)}\n${app.job(n.jobId)?.job.customer.address ?? ''}\n${t('notice.urgent.body')}`,
          footer: ok,
        };
        this.urgent = { modal, jobIds: [n.jobId] };
        this.h.modal(modal);
        return;
      }
      case 'jobs-arrived':
        // One job per notice as they are stored: the flash sums them until the crew presses a key.
        this.arrived += n.count;
        this.h.refreshList(t('jobs.arrived', { n: this.arrived }));
        this.h.repaint();
        return;
      case 'message':
        return this.h.modal({ title: t('notice.message.title'), body: n.text, footer: ok });
      case 'scan-rejected':
        return this.h.modal({ title: t('notice.scanRejected.title'), body: t(`notice.scanRejected.${n.reason}`), footer: ok });
      case 'cancel-too-late':
        return this.h.modal({ title: t('notice.tooLate.title'), body: t('notice.tooLate.body', { jobId: n.jobId }), footer: ok });
    }
  }
}
