import {initializeBlock} from '@airtable/blocks/ui';
import {App} from './ui/App';
import {createProductionEnvironment} from './ui/productionEnvironment';

initializeBlock(() => <App environment={createProductionEnvironment()} />);
