'use client';
import { useEffect, useState } from 'react';

/**
 * The one-time token of an invitation or password link. It travels in the URL fragment
 * (`#token=…`), which browsers never send to a server or put in a Referer; the page leaves it there
 * (a reload keeps working) and navigates away once the link is used.
 */
export function useLinkToken(): string | null | undefined {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    setToken(new URLSearchParams(window.location.hash.slice(1)).get('token'));
  }, []);
  return token;
}
