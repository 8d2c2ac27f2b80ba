import { sectionFor, sections } from './navigation.ts';
import { StatusLine } from './status-line.tsx';

/** The app shell: header, navigation and a placeholder for the section's page. */
export function App() {
  const current = sectionFor(window.location.pathname);
  return (
    <div className="shell">
      <header className="header">
        <h1 className="title">Silk Road Tracker</h1>
        <p className="tagline">
          Belt and Road and UNIDO projects, events and funding in Azerbaijan, Tajikistan, Turkmenistan and
          Uzbekistan
        </p>
      </header>
      <nav className="nav" aria-label="Main">
        <ul>
          {sections.map((s) => (
            <li key={s.path}>
              <a href={s.path} aria-current={s === current ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="main">
        <h2>{current.label}</h2>
        <p>{current.summary}</p>
        <p className="note">This page is being built.</p>
      </main>
      <footer className="footer">
        <StatusLine />
      </footer>
    </div>
  );
}
