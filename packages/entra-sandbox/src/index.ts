/**
 * A local stand-in for Microsoft Entra ID and the Microsoft Graph subset the Camunda Entra
 * plugins use.
 *
 * @packageDocumentation
 */

export {};
