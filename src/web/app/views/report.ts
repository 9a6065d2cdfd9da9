/** The overview report: not in this build yet (the reports module has no overview function to call). */
import { h, render } from '../dom.js';
import { t } from '../i18n.js';

export async function reportView(main: HTMLElement): Promise<void> {
  render(main, h('p', null, t.report_missing));
}
