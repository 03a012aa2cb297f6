'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/**
 * A link to another dashboard page that prefetches it on hover or focus only. Next prefetches every
 * link in the viewport by default: at load the sidebar's nine pages and a table's run pages were
 * fetched from the same Next server, over the same six browser connections, as the page's own
 * /graphql data (the compare page's series waited behind them).
 */
export function PageLink({ href, onMouseEnter, onFocus, ...props }: ComponentProps<typeof Link>) {
  const router = useRouter();
  const warm = () => {
    if (typeof href === 'string') router.prefetch(href);
  };
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        warm();
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        warm();
        onFocus?.(e);
      }}
    />
  );
}
