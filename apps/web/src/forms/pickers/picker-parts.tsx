import { Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { PickerOption } from './options.ts';

/** Typing pauses this long before a picker asks the server. */
export const SEARCH_DELAY_MS = 250;

/** An option of a picker's list: its name, and a dimmed line saying which one it is. */
export function OptionWithDetail({ label, detail }: { label: string; detail?: string | undefined }) {
  return (
    <div>
      <Text size="sm">{label}</Text>
      {detail ? (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      ) : null}
    </div>
  );
}

/** Options the user chose or created here: their names stay known when a new search no longer finds them. */
export function useRemembered() {
  const [known, setKnown] = useState<ReadonlyMap<string, PickerOption>>(() => new Map());
  const remember = useCallback((options: readonly PickerOption[]) => {
    if (options.length === 0) return;
    setKnown((previous) => {
      const next = new Map(previous);
      for (const option of options) next.set(option.value, option);
      return next;
    });
  }, []);
  return { known, remember };
}
