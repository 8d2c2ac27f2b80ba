import { Link, Outlet } from '@tanstack/react-router';
import { useSession } from '../../auth/session.ts';
import { useLazyTranslation } from '../../i18n/lazy.ts';
import classes from './admin.module.css';

/** The admin pages under one navigation (users, exchange rates); each page checks the role itself. */
export function AdminArea() {
  const { t } = useLazyTranslation('admin');
  const { isAdmin } = useSession();
  return (
    <>
      {isAdmin && (
        <nav aria-label={t('area.label')} className={classes.tabs}>
          <Link to="/admin" activeOptions={{ exact: true }} className={classes.tab}>
            {t('area.users')}
          </Link>
          <Link to="/admin/rates" className={classes.tab}>
            {t('area.rates')}
          </Link>
        </nav>
      )}
      <Outlet />
    </>
  );
}
