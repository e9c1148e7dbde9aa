import { BRIDGE_TAG, BRIDGE_VERSION } from '@/lib/ap/bridge';
import { readWhole } from '@/lib/content/read-whole';
import { leftoversOf, rowLeftovers } from '@/lib/audit/leftovers';
import { ownPageWatch } from '@/lib/content/page-watch';
import { PANEL_STEPS } from '@/lib/content/panel-bundle';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { createController, type Controller } from '@/lib/content/audit-controller';
import { dictionaryI18n, I18nProvider, type Lang } from '@/components/i18n';
import { Panel } from '@/components/Panel';
import type { ApLocation } from '@/lib/ap/pages';
import type { Transport } from '@/lib/messaging/client';
import type { CaptureStore } from '@/lib/content/capture';

const messages = (lang: Lang) =>
  JSON.parse(readFileSync(path.resolve(__dirname, `../../../public/_locales/${lang}/messages.json`), 'utf8')) as Record<
    string,
    { message: string }
  >;

/** Render into a fresh container with the real translations; returns the container. */
export async function mount(node: ComponentChildren, lang: Lang = 'pl'): Promise<HTMLElement> {
  document.body.innerHTML = '';
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    render(<I18nProvider value={dictionaryI18n(lang, messages(lang))}>{node}</I18nProvider>, container);
  });
  return container;
}

export const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
export const byTestId = (root: ParentNode, id: string) => root.querySelector(`[data-testid="${id}"]`);

/** Mount the panel with a controller on `store`, as the content script does, in happy-dom. */
export async function mountPanel(
  store: CaptureStore,
  location: ApLocation,
  opts: { lang?: Lang; transport?: Transport } = {},
): Promise<{ root: HTMLElement; controller: Controller }> {
  const lang = opts.lang ?? 'pl';
  const controller = createController({
    environment: location.environment,
    route: location.page,
    watch: ownPageWatch(document),
    store,
    transport: opts.transport ?? (async () => ({ profile: null })),
    i18n: dictionaryI18n(lang, {}),
    signal: new AbortController().signal,
    doc: document,
    tools: async () => ({ readWhole, leftoversOf, rowLeftovers }),
  });
  const root = await mount(
    <Panel
      location={location}
      captures={store}
      controller={controller}
      download={() => undefined}
      steps={PANEL_STEPS}
    />,
    lang,
  );
  return { root, controller };
}

/** The AP page's window as the capture store sees it in happy-dom. */
export const pageWindow = { window: {} as unknown, location: { origin: 'https://ap-demo.ksef.mf.gov.pl' } } as never;
const GRANTS_URL = 'https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants';

/** A KSeF response the observer posts from the page (the grants list unless `url` says otherwise). */
export const pageResponse = (body: unknown, extra: { url?: string; context?: string } = {}) =>
  ({
    source: (pageWindow as { window: unknown }).window,
    origin: 'https://ap-demo.ksef.mf.gov.pl',
    data: {
      tag: BRIDGE_TAG,
      v: BRIDGE_VERSION,
      kind: 'response',
      method: 'POST',
      url: extra.url ?? GRANTS_URL,
      status: 200,
      text: JSON.stringify(body),
      ...(extra.context ? { context: extra.context } : {}),
    },
  }) as MessageEvent;
