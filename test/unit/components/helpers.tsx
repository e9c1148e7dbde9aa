import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { dictionaryI18n, I18nProvider, type Lang } from '@/components/i18n';

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
