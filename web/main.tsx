import { render } from 'preact';
import { Root } from './app.tsx';
import './styles.css';

// First-render time for `npm run bench:web`: from navigation start to the first painted view.
performance.mark('koersbord:start');
render(<Root />, document.getElementById('app') as HTMLElement);
