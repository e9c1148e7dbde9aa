import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { headerCompanies } from '@/lib/ap/context';
import { addClaim, companyOf, MAX_CLAIMS, type CompanyClaim } from '@/lib/audit/company';
import { createCaptureStore } from '@/lib/content/capture';
import { byTestId, mountPanel, pageResponse, pageWindow, settle } from '../components/helpers';

const A = '5265877635';
const B = '7762811692';
const win = pageWindow;
/** A KSeF response the page received, with the context its access token names. */
const response = (context: string) =>
  pageResponse(
    { permissions: [], hasMore: false },
    { url: 'https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageOffset=0&pageSize=10', context },
  );

/** The AP's own page around the panel (the panel's container stays). */
const page = (header: string, main = '') => {
  for (const el of document.querySelectorAll('body > header, body > main')) el.remove();
  document.body.insertAdjacentHTML('afterbegin', `<header>${header}</header><main>${main}</main>`);
};
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the company of a visit, from every source, with its source', () => {
  it('is the one NIP all claims name; claims that disagree leave none', () => {
    let claims: readonly CompanyClaim[] = [];
    expect(companyOf(claims)).toEqual({ nip: null, sources: [], conflict: [] });
    claims = addClaim(claims, { nip: A, source: 'token' });
    claims = addClaim(claims, { nip: A, source: 'header' });
    expect(addClaim(claims, { nip: A, source: 'header' })).toBe(claims);
    expect(companyOf(claims)).toEqual({ nip: A, sources: ['token', 'header'], conflict: [] });
    claims = addClaim(claims, { nip: B, source: 'user' });
    expect(companyOf(claims)).toEqual({ nip: null, sources: [], conflict: [A, B] });
    // A flood of claims is bounded; the conflict stays.
    for (let i = 0; i < 20; i++) claims = addClaim(claims, { nip: String(1000000000 + i), source: 'token' });
    expect(claims).toHaveLength(MAX_CLAIMS);
    expect(companyOf(claims).nip).toBeNull();
  });

  it.each([
    ['Kontekst: NIP 5265877635', [A]],
    ['NIP firmy: 526-587-76-35', [A]],
    ['Identyfikator: 526-58-77-635', [A]],
    ['Context: 5265877635', [A]],
    // A NIP whose check digit is wrong, a longer number, a PESEL: none is a company.
    ['Kontekst: NIP 5265877636', []],
    ['NIP 52658776351', []],
    ['Identyfikator: PESEL 90010112345', []],
    ['Kontekst: NIP 5265877635 · NIP firmy: 776-281-16-92', [A, B]],
  ])('reads the AP header "%s"', (header, nips) => {
    page(`<span>${header}</span>`);
    expect(headerCompanies(document)).toEqual(nips);
  });

  it('never reads the lists: the NIPs of grantees in the page body are not the company', () => {
    page('<strong>Krajowy System e-Faktur</strong>', `<table><tr><td>NIP ${B}</td></tr></table><p>NIP ${A}</p>`);
    expect(headerCompanies(document)).toEqual([]);
  });

  it('takes the company from the header alone, and the user cannot name another one', async () => {
    const { controller, root } = await mountPanel(createCaptureStore(win), { environment: 'DEMO', page: 'tokens' });
    page(`<span>Kontekst: NIP ${A}</span>`);
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(controller.visit.snapshot().contextNip).toBe(A);
    expect(controller.visit.snapshot().companies).toEqual([{ nip: A, source: 'header' }]);
    expect(await controller.nameCompany(B)).toEqual({ accepted: false, contextNip: A });
    expect(byTestId(root, 'company-conflict')).toBeNull();
  });

  it('stops at two companies: the token names one, the header another', async () => {
    const reports: unknown[] = [];
    const transport = async (m: unknown) => {
      const { type, payload } = m as { type: string; payload: unknown };
      if (type === 'content→background:audit.report') reports.push(payload);
      return type === 'content→background:audit.profile'
        ? { profile: null }
        : type === 'content→background:audit.report'
          ? { previousAt: null, added: [], removed: [], changed: [] }
          : { ok: true };
    };
    const store = createCaptureStore(win);
    const { controller, root } = await mountPanel(
      store,
      { environment: 'DEMO', page: 'permissions' },
      { transport: transport as never },
    );
    page(`<span>Kontekst: NIP ${B}</span>`);
    await act(async () => store.onMessage(response(A)));
    await act(() => new Promise((r) => setTimeout(r, 20)));
    const visit = controller.visit.snapshot();
    expect(visit.contextNip).toBeNull();
    expect(visit.companies).toEqual(
      expect.arrayContaining([
        { nip: B, source: 'header' },
        { nip: A, source: 'token' },
      ]),
    );
    expect(byTestId(root, 'company-conflict')?.textContent).toContain('526-587-76-35 (z tokenu sesji AP)');
    expect(byTestId(root, 'company-conflict')?.textContent).toContain('776-281-16-92 (z nagłówka AP)');
    // Neither company may be named by the user now, and nothing is tied to either in the history.
    expect((await controller.nameCompany(A)).accepted).toBe(false);
    await act(() => new Promise((r) => setTimeout(r, 500)));
    await settle();
    const last = reports.at(-1) as { contextNip: string | null; companies: CompanyClaim[] };
    expect(last.contextNip).toBeNull();
    expect(last.companies).toHaveLength(2);
  });
});
