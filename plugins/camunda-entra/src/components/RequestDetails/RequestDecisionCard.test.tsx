import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  createRequest,
  mockCamundaEntraApi,
} from '../../__testUtils__/requests';
import { renderRequestsPage } from '../../__testUtils__/renderRequestsPage';
import { responseError } from '../../__testUtils__/responseError';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));

// Approvers; RequestDetails.test covers viewers without the permission.
beforeEach(() => {
  jest.mocked(usePermission).mockReturnValue({ loading: false, allowed: true });
});

const decided = (
  state: 'approved' | 'rejected',
  comment?: string,
  base = createRequest(),
) =>
  createRequest({
    state,
    history: [
      ...base.history,
      {
        state,
        actor: 'user:default/platform-lead',
        at: '2026-03-02T09:00:00Z',
        comment,
      },
    ],
  });

// Pasting rather than typing keeps these tests fast on a busy machine.
async function enterComment(text: string) {
  await userEvent.click(screen.getByRole('textbox', { name: 'Comment' }));
  await userEvent.paste(text);
}

describe('RequestDecisionCard', () => {
  it('approves with the comment and shows the new state', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(createRequest());
    api.approveRequest.mockResolvedValue(decided('approved', 'Looks good'));
    const { alertApi } = await renderRequestsPage({
      api,
      path: '/requests/req-1',
    });

    await enterComment('  Looks good ');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));

    expect(api.approveRequest).toHaveBeenCalledWith('req-1', {
      comment: 'Looks good',
    });
    expect(await screen.findByText('Looks good')).toBeInTheDocument();
    expect(screen.getAllByText('Approved')).toHaveLength(2); // header and history
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Request approved',
        severity: 'success',
      }),
    );
  });

  it('approves without a comment', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(createRequest());
    api.approveRequest.mockResolvedValue(decided('approved'));
    await renderRequestsPage({ api, path: '/requests/req-1' });

    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));

    expect(api.approveRequest).toHaveBeenCalledWith('req-1', {
      comment: undefined,
    });
  });

  it('will not reject without a comment', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(createRequest());
    await renderRequestsPage({ api, path: '/requests/req-1' });

    await enterComment('   ');
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));

    expect(
      screen.getByText('A comment is required to reject a request.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Comment' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(api.rejectRequest).not.toHaveBeenCalled();
  });

  it('rejects with the comment', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(createRequest());
    api.rejectRequest.mockResolvedValue(
      decided('rejected', 'Use the shared tenant'),
    );
    const { alertApi } = await renderRequestsPage({
      api,
      path: '/requests/req-1',
    });

    await enterComment('Use the shared tenant');
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));

    expect(api.rejectRequest).toHaveBeenCalledWith('req-1', {
      comment: 'Use the shared tenant',
    });
    expect(
      await screen.findByText('Use the shared tenant'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Rejected')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Request rejected' }),
    );
  });

  it('shows why the backend refused a decision and keeps the request open', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(createRequest());
    api.approveRequest.mockRejectedValue(
      await responseError(
        409,
        'Conflict',
        'requesters may not approve their own requests',
      ),
    );
    const { alertApi } = await renderRequestsPage({
      api,
      path: '/requests/req-1',
    });

    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));

    expect(
      await screen.findByText(
        'Request failed with 409 Conflict: requesters may not approve their own requests',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeEnabled();
    expect(screen.getAllByText('Pending')).toHaveLength(2); // header and history
    expect(alertApi.post).not.toHaveBeenCalled();
  });

  it('retries a failed request', async () => {
    const api = mockCamundaEntraApi();
    const failed = createRequest({
      state: 'failed',
      failureReason: 'Graph timed out',
    });
    api.getRequest.mockResolvedValue(failed);
    api.retryRequest.mockResolvedValue(decided('approved', undefined, failed));
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(api.retryRequest).toHaveBeenCalledWith('req-1');
    expect(await screen.findAllByText('Approved')).toHaveLength(2);
    expect(screen.queryByText('Provisioning failed')).toBeNull();
  });
});
