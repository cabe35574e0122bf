// Package domain holds Huddle's domain types, their validation, the error
// type shared by every layer and the store interfaces that persistence
// implements. It imports only the standard library: everything else in
// Huddle points towards it.
package domain
