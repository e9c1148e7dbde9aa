import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ProfileForm, type ProfileValue } from '@/components/ProfileForm';
import { byTestId, mount, settle } from './helpers';

function connector() {
  const saved: (ProfileValue | null)[] = [];
  return { saved, loadProfile: async () => null, saveProfile: async (p: ProfileValue | null) => void saved.push(p) };
}
const change = (el: Element, value: string, type = 'change') =>
  act(async () => {
    (el as HTMLInputElement).value = value;
    el.dispatchEvent(new Event(type, { bubbles: true }));
  });

describe('ProfileForm', () => {
  it('saves a registry provider with its state', async () => {
    const c = connector();
    const root = await mount(<ProfileForm connector={c} />);
    await change(root.querySelector('#profile-known')!, 'fakturowo');
    await change(root.querySelector('#profile-state')!, 'disconnected');
    await act(async () => (byTestId(root, 'profile-save') as HTMLButtonElement).click());
    await settle();
    expect(c.saved).toEqual([{ name: 'Fakturowo.pl', nips: ['7712255384'], state: 'disconnected' }]);
    expect(byTestId(root, 'profile-status')?.textContent).toBe('Zapisano dostawcę.');
  });

  it('refuses a NIP with a wrong check digit and says why', async () => {
    const c = connector();
    const root = await mount(<ProfileForm connector={c} />, 'en');
    await change(root.querySelector('#profile-known')!, 'other');
    await change(root.querySelector('#profile-name')!, 'Inny dostawca', 'input');
    await change(root.querySelector('#profile-nip')!, '776-281-16-93', 'input');
    await act(async () => (byTestId(root, 'profile-save') as HTMLButtonElement).click());
    expect(byTestId(root, 'profile-status')?.textContent).toContain('The check digit does not match');
    expect(c.saved).toEqual([]);
  });
});
