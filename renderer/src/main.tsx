// Window entry: i18n and AG Grid set up once, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './lib/gridSetup';
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
