/** What a person sees of an AP element: its accessible name, and whether it is shown at all. */
export const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/** The name a screen reader would announce, as far as it matters here. */
export function accessibleName(el: Element): string {
  const doc = el.ownerDocument;
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    const text = by
      .split(/\s+/)
      .map((id) => doc.getElementById(id)?.textContent ?? '')
      .join(' ');
    if (norm(text)) return norm(text);
  }
  return norm(
    el.getAttribute('aria-label') ||
      el.textContent ||
      el.getAttribute('title') ||
      (el as HTMLInputElement).value ||
      el.querySelector('[title]')?.getAttribute('title'),
  );
}

/** Shown to the user: not hidden by an attribute, nor by `display: none` / `visibility: hidden` on the way up. */
export function isShown(el: Element): boolean {
  if (el.closest('[hidden], [aria-hidden="true"], [inert]')) return false;
  const view = el.ownerDocument.defaultView;
  for (let e: Element | null = el; e; e = e.parentElement) {
    const style = view?.getComputedStyle(e);
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
  }
  return true;
}
