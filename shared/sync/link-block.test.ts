import { describe, expect, it } from 'vitest';
import { activityUrl, linkedActivityId, withActivityLink, withoutActivityLink } from './link-block';

const ID = '91c8510c-c673-48d4-b673-02a404955a09';

describe('the link back to an activity', () => {
  it('points to the Web Client when it is set, else to the desktop app', () => {
    expect(activityUrl(ID, 'https://crm.example.com/web/')).toBe(`https://crm.example.com/web/activities/${ID}`);
    expect(activityUrl(ID, null)).toBe(`crm-companion://activities/${ID}`);
  });

  it('is written once at the end of the body, inside <body>, the user’s text kept', () => {
    const body = '<html><head></head><body><p>Agenda: pricing</p></body></html>';
    const once = withActivityLink(body, activityUrl(ID, null), 'Open in CRM');
    expect(once).toBe(`<html><head></head><body><p>Agenda: pricing</p><p class="crm-companion-link"><a href="crm-companion://activities/${ID}">Open in CRM</a></p></body></html>`);
    expect(withActivityLink(once, activityUrl(ID, null), 'Open in CRM')).toBe(once);
    expect(withActivityLink('', activityUrl(ID, null), 'A < B')).toBe(`<p class="crm-companion-link"><a href="crm-companion://activities/${ID}">A &lt; B</a></p>`);
  });

  it('is found again after Outlook reworked the HTML (attributes dropped, quotes changed, wrapped in spans)', () => {
    const reworked = `<html><body><div>Agenda</div><p style="margin:0"><span><a href='https://crm.example.com/activities/${ID}' target="_blank">Open in CRM</a></span></p></body></html>`;
    expect(linkedActivityId(reworked)).toBe(ID);
    expect(withoutActivityLink(reworked)).toBe('<html><body><div>Agenda</div></body></html>');
    expect(withActivityLink(reworked, activityUrl(ID, 'https://crm.example.com'), 'Open in CRM')).toBe(reworked);
  });

  it('a copy made in Outlook that links to another activity gets its own link instead', () => {
    const copied = withActivityLink('<p>Visit</p>', activityUrl('OTHER-1', null), 'Open in CRM');
    expect(withActivityLink(copied, activityUrl(ID, null), 'Open in CRM')).toBe(`<p>Visit</p><p class="crm-companion-link"><a href="crm-companion://activities/${ID}">Open in CRM</a></p>`);
  });

  it('leaves other links and paragraphs alone', () => {
    const body = '<p>See <a href="https://example.com/activities-report">the report</a></p><p>Bye</p>';
    expect(linkedActivityId(body)).toBeNull();
    expect(withoutActivityLink(body)).toBe(body);
  });
});
