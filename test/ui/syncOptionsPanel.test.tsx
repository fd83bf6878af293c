/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {fireEvent, render, screen} from '@testing-library/react';
import type {AutoSyncMinutes} from '../../frontend/settings/syncOptions';
import type {SyncOptionsState} from '../../frontend/settings/useSyncOptions';
import {SyncOptionsPanel} from '../../frontend/ui/SyncOptionsPanel';

interface Saved {
    previewEveryRun: boolean[];
    percents: number[];
    minutes: Array<AutoSyncMinutes | null>;
}

function renderPanel(canEdit = true): Saved {
    const saved: Saved = {previewEveryRun: [], percents: [], minutes: []};
    const state: SyncOptionsState = {
        options: {
            approval: {shouldPreviewEveryRun: true, maxDeleteShare: 0.1},
            autoSyncMinutes: null,
        },
        canEditOptions: canEdit ? {ok: true} : {ok: false, reason: 'Only editors can.'},
        setPreviewEveryRunAsync: async value => {
            saved.previewEveryRun.push(value);
        },
        setMaxDeletePercentAsync: async percent => {
            saved.percents.push(percent);
        },
        setAutoSyncMinutesAsync: async minutes => {
            saved.minutes.push(minutes);
        },
    };
    render(<SyncOptionsPanel state={state} />);
    return saved;
}

function getPercentInput(): HTMLInputElement {
    return screen.getByLabelText(/^Always ask before deleting more than/) as HTMLInputElement;
}

describe('SyncOptionsPanel', () => {
    test('shows the saved percent', () => {
        renderPanel();

        expect(getPercentInput().value).toBe('10');
    });

    test('saves a valid percent', () => {
        const saved = renderPanel();

        fireEvent.change(getPercentInput(), {target: {value: '25'}});
        fireEvent.blur(getPercentInput());

        expect(saved.percents).toEqual([25]);
    });

    test('rejects an invalid percent', () => {
        const saved = renderPanel();

        fireEvent.change(getPercentInput(), {target: {value: '150'}});
        fireEvent.blur(getPercentInput());

        expect(saved.percents).toEqual([]);
        expect(screen.getByRole('alert').textContent).toMatch(/from 0 to 100\.$/);
    });

    test('saves the interval', () => {
        const saved = renderPanel();

        // The SDK's Select stores each option's value encoded in the option element.
        const option = screen.getByRole('option', {name: '15 minutes'}) as HTMLOptionElement;
        fireEvent.change(screen.getByRole('combobox'), {target: {value: option.value}});

        expect(saved.minutes).toEqual([15]);
    });

    test('read-only users see why', () => {
        renderPanel(false);

        expect(getPercentInput().disabled).toBe(true);
        expect(
            screen.getByText(
                'You can see these sync options but not change them: Only editors can.',
            ),
        ).toBeTruthy();
    });
});
