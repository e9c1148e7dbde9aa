/**
 * The panel's host: one custom element at the end of `<body>` with a shadow root, our styles inside it and
 * nothing of ours outside it. The AP's styles cannot reach in (`:host { all: initial }`), ours cannot leak out,
 * and removing the host removes everything. Closed in the store build, so that the page's scripts cannot read or
 * press what the panel shows; open in the builds for tests and the demo, whose e2e tests read it.
 */
export interface ShadowHost {
  host: HTMLElement;
  container: HTMLElement;
  remove: () => void;
}

export function mountShadowHost(doc: Document, name: string, css: string, mode: ShadowRootMode): ShadowHost {
  doc.querySelectorAll(name).forEach((old) => old.remove());
  const host = doc.createElement(name);
  const root = host.attachShadow({ mode });
  const style = doc.createElement('style');
  style.textContent = css;
  const container = doc.createElement('div');
  root.append(style, container);
  doc.body.append(host);
  return { host, container, remove: () => host.remove() };
}
