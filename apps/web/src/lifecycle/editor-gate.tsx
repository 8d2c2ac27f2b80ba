import type { ReactNode } from 'react';
import { RoleGate } from '../auth/role-gate.tsx';
import { useLazyTranslation } from '../i18n/lazy.ts';

/**
 * The event and funding form pages for editors and admins only (`RoleGate` with the forms' words).
 * The project form page still uses `EditorOnly` (apps/web/src/forms/editor-only.tsx) and can move here.
 */
export function EditorGate({ children }: { children: ReactNode }) {
  const { t } = useLazyTranslation('entry');
  return (
    <RoleGate
      needs="editor"
      title={t('common.editorsOnly')}
      signedOut={t('common.signIn')}
      signedIn={() => t('common.notEditor')}
    >
      {children}
    </RoleGate>
  );
}
