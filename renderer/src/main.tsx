// Window entry: i18n set up once, then the app. AG Grid is set up by the first grid that loads
// (lib/gridSetup.ts), so its code stays out of the first chunk.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
