import { describe, expect, it } from 'vitest';
import { createCaptureStore } from '@/lib/content/capture';
import { mountPanel, settle } from '../components/helpers';

const win = { window: {} as unknown, location: { origin: 'https://ap-demo.ksef.mf.gov.pl' } } as never;

describe('the company the user names for a page that cannot say it', () => {
  it('is taken when the page names none, and the audit asks the provider about it', async () => {
    const asked: (string | null)[] = [];
    const transport = async (m: unknown) => {
      const { type, payload } = m as { type: string; payload: { contextNip?: string | null } };
      if (type === 'content→background:audit.profile') asked.push(payload.contextNip ?? null);
      return type === 'content→background:audit.profile' ? { profile: null } : { ok: true };
    };
    const { controller } = await mountPanel(
      createCaptureStore(win),
      { environment: 'DEMO', page: 'permissions' },
      { transport: transport as never },
    );
    expect(await controller.nameCompany('5265877635')).toEqual({ accepted: true, contextNip: '5265877635' });
    await settle();
    expect(controller.visit.snapshot().contextNip).toBe('5265877635');
    expect(asked).toContain('5265877635');
    // Another company for the same page is refused: the first word stands.
    expect(await controller.nameCompany('7762811692')).toEqual({ accepted: false, contextNip: '5265877635' });
  });
});
