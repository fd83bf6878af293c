import {initializeBlock} from '@airtable/blocks/ui';
import {App} from './ui/App';
import {createProductionEnvironment} from './ui/productionEnvironment';

// Created once, because the sign-in session is rebuilt whenever the environment object changes.
const environment = createProductionEnvironment();

initializeBlock(() => <App environment={environment} />);
