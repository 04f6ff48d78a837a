/**
 * Writes record who made them; until access control exists people name themselves, and the
 * name is remembered in this browser.
 */
const KEY = 'koersbord.user';

export function currentUserName(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberUserName(name: string): void {
  try {
    localStorage.setItem(KEY, name.trim());
  } catch {
    // Private mode: the name is asked again next time.
  }
}

export const USER_HEADER = 'X-Koersbord-User';
